import { Injectable, computed, inject, signal } from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { type FieldError, errorsByPath, extractFieldErrors } from '../../core/graphql/graphql-errors';
import { TenantConfigDocument, UpdateTenantConfigDocument } from '../../graphql/generated';
import type { TenantConfig } from '@complaints/tenant-config';
import { normaliseConfig } from './normalise-config';

export type SaveOutcome = { ok: true; version: number } | { ok: false; message: string };

/**
 * The tenant configuration being edited: loaded once, changed in memory by the tabs, and saved
 * whole through `updateTenantConfig` (each save is a new version on the server).
 */
@Injectable()
export class TenantConfigStore {
  private readonly apollo = inject(Apollo);

  private readonly saved = signal<TenantConfig | null>(null);
  readonly draft = signal<TenantConfig | null>(null);
  readonly version = signal<number | null>(null);
  readonly loading = signal(false);
  readonly saving = signal(false);
  readonly loadError = signal<string | null>(null);
  readonly fieldErrors = signal<FieldError[]>([]);
  readonly errorIndex = computed(() => errorsByPath(this.fieldErrors()));
  readonly dirty = computed(() => JSON.stringify(this.saved()) !== JSON.stringify(this.draft()));

  async load(): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      const result = await firstValueFrom(this.apollo.query({ query: TenantConfigDocument, fetchPolicy: 'network-only' }));
      const tenant = result.data?.tenant;
      if (!tenant) throw new Error('No tenant');
      this.reset(normaliseConfig(tenant.config), tenant.configVersion);
    } catch (error) {
      this.loadError.set(extractFieldErrors(error).message);
    } finally {
      this.loading.set(false);
    }
  }

  /** Start over from a known configuration (after load, or when a test seeds the store). */
  reset(config: TenantConfig, version: number | null): void {
    this.saved.set(structuredClone(config));
    this.draft.set(structuredClone(config));
    this.version.set(version);
    this.fieldErrors.set([]);
  }

  /** Apply an edit to a copy of the draft; editors never mutate the signal's value in place. */
  update(edit: (config: TenantConfig) => void): void {
    const current = this.draft();
    if (!current) return;
    const next = structuredClone(current);
    edit(next);
    this.draft.set(next);
  }

  /** Replace the whole draft, as YAML import and rollback do. */
  replace(config: Record<string, unknown>): void {
    this.draft.set(normaliseConfig(config));
  }

  discard(): void {
    const saved = this.saved();
    if (saved) this.draft.set(structuredClone(saved));
    this.fieldErrors.set([]);
  }

  errorAt(path: string): string | undefined {
    return this.errorIndex()[path];
  }

  /** Errors whose path starts with one of `prefixes`, for tabs that show a summary. */
  errorsUnder(...prefixes: string[]): FieldError[] {
    return this.fieldErrors().filter((e) => prefixes.some((p) => e.path === p || e.path.startsWith(`${p}.`)));
  }

  async save(note?: string): Promise<SaveOutcome> {
    const draft = this.draft();
    if (!draft) return { ok: false, message: 'Nothing loaded' };
    this.saving.set(true);
    this.fieldErrors.set([]);
    try {
      const result = await firstValueFrom(
        this.apollo.mutate({ mutation: UpdateTenantConfigDocument, variables: { config: toJsonObject(draft), note: note || null } }),
      );
      const saved = result.data?.updateTenantConfig;
      if (!saved) throw new Error('Save returned no data');
      this.reset(normaliseConfig(saved.config), saved.version);
      return { ok: true, version: saved.version };
    } catch (error) {
      const { fieldErrors, message } = extractFieldErrors(error);
      this.fieldErrors.set(fieldErrors);
      return { ok: false, message };
    } finally {
      this.saving.set(false);
    }
  }
}

/** The JSONObject scalar is typed as an open record; the config is a closed interface of plain data. */
function toJsonObject(config: TenantConfig): Record<string, unknown> {
  return config;
}
