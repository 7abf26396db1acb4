import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Audited } from '../audit/audited';
import { configSaved } from '../audit/audit-subjects';
import { tenantIdOf, tenantPrincipal, type RequestContext } from '../app/context';
import { badInput, notFound } from '../platform/errors';
import { TeamInput } from './identity.types';
import { Team } from './team.entity';
import { TeamType } from './team.types';
import { User } from './user.entity';
import { UserType } from './user.types';

/** Teams are part of the tenant configuration: each change here saves a new configuration version. */
@Resolver(() => TeamType)
export class TeamResolver {
  @Authorized()
  @Query(() => [TeamType])
  teams(@Ctx() ctx: RequestContext): Promise<TeamType[]> {
    return ctx.em.find(Team, { tenantId: tenantIdOf(ctx) }, { orderBy: { code: 'asc' } });
  }

  @Authorized('team.manage')
  @Mutation(() => TeamType, { description: 'Adds or renames a team: a new configuration version' })
  @Audited(
    'team_saved',
    configSaved<{ code: string; input: { nameZh: string; nameEn: string } }>((a) => ({ team: a.code, nameZh: a.input.nameZh, nameEn: a.input.nameEn })),
  )
  async saveTeam(@Arg('code', () => String) code: string, @Arg('input', () => TeamInput) input: TeamInput, @Ctx() ctx: RequestContext): Promise<TeamType> {
    const { config } = await ctx.tenantConfig();
    const name = { 'zh-CN': input.nameZh, en: input.nameEn };
    const teams = config.teams.some((t) => t.code === code)
      ? config.teams.map((t) => (t.code === code ? { ...t, name } : t))
      : [...config.teams, { code, name }];
    await this.saveConfig(ctx, { ...config, teams }, `Team ${code} saved`);
    return ctx.em.findOneOrFail(Team, { tenantId: tenantIdOf(ctx), code });
  }

  @Authorized('team.manage')
  @Mutation(() => Boolean, { description: 'Removes a team no rule, category or user refers to: a new configuration version' })
  @Audited('team_deleted', configSaved<{ code: string }>((a) => ({ team: a.code })))
  async deleteTeam(@Arg('code', () => String) code: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    const { config } = await ctx.tenantConfig();
    if (!config.teams.some((t) => t.code === code)) throw notFound(`Team ${code}`);
    const members = await ctx.em.count(User, { tenantId: tenantIdOf(ctx), teams: { $contains: [code] } });
    if (members) throw badInput([{ path: 'code', message: `Team ${code} still has ${members} member(s)` }]);
    await this.saveConfig(ctx, { ...config, teams: config.teams.filter((t) => t.code !== code) }, `Team ${code} deleted`);
    return true;
  }

  @FieldResolver(() => [UserType])
  members(@Root() team: Team, @Ctx() ctx: RequestContext): Promise<UserType[]> {
    return ctx.em.find(User, { tenantId: team.tenantId, teams: { $contains: [team.code] } }, { orderBy: { email: 'asc' } });
  }

  private async saveConfig(ctx: RequestContext, config: object, note: string): Promise<void> {
    const principal = tenantPrincipal(ctx);
    await ctx.services.tenantConfig.update(ctx.tenant(), config, principal.kind === 'user' ? principal.userId : null, note);
  }
}
