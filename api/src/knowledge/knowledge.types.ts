import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ArticleStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(ArticleStatus, { name: 'ArticleStatus' });

@ObjectType('KnowledgeArticle', { description: 'A solution, script or policy; the body is Markdown' })
export class ArticleType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  body!: string;

  @Field(() => String)
  locale!: string;

  @Field(() => [String])
  tags!: string[];

  @Field(() => [String], { description: 'Category codes the article answers' })
  categoryCodes!: string[];

  @Field(() => ArticleStatus)
  status!: ArticleStatus;

  @Field(() => Int)
  version!: number;

  @Field(() => Date, { nullable: true })
  publishedAt!: Date | null;

  @Field(() => Int)
  helpfulYes!: number;

  @Field(() => Int)
  helpfulNo!: number;

  @Field(() => Int)
  views!: number;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType('KnowledgeArticleVersion')
export class ArticleVersionType {
  @Field(() => Int)
  version!: number;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  body!: string;

  @Field(() => ArticleStatus)
  status!: ArticleStatus;

  @Field(() => String, { nullable: true })
  editedBy!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType('KnowledgeHit')
export class ArticleHit {
  @Field(() => ArticleType)
  article!: ArticleType;

  @Field(() => Float)
  score!: number;
}

@InputType('KnowledgeArticleInput')
export class ArticleInput {
  @Field(() => String)
  title!: string;

  @Field(() => String)
  body!: string;

  @Field(() => String, { defaultValue: 'zh-CN' })
  locale!: string;

  @Field(() => [String], { defaultValue: [] })
  tags!: string[];

  @Field(() => [String], { defaultValue: [] })
  categoryCodes!: string[];
}

@ObjectType('KnowledgeDeflection', { description: 'Portal visitors who read an article, and how many of them still filed a complaint' })
export class DeflectionType {
  @Field(() => Int)
  readers!: number;

  @Field(() => Int)
  readersWhoSubmitted!: number;

  @Field(() => Int)
  deflected!: number;

  @Field(() => Float, { nullable: true })
  deflectionRate!: number | null;
}
