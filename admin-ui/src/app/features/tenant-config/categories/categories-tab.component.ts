import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { Locale } from '../../../core/i18n/i18n.service';
import { LocalizedPipe, TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { CategoryNode } from '@complaints/tenant-config';
import { TenantConfigStore } from '../tenant-config.store';
import { type TreePath, allCodes, containsCode, flattenCategories, moveUnder, nodeAt, parentCode, reorder } from './category-tree';

@Component({
  selector: 'app-categories-tab',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule, TranslatePipe, LocalizedPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './categories-tab.component.html',
  styleUrls: ['../config-tab.scss', './categories-tab.component.scss'],
})
export class CategoriesTabComponent {
  protected readonly store = inject(TenantConfigStore);
  protected readonly config = computed(() => this.store.draft()!);
  protected readonly rows = computed(() => flattenCategories(this.config().categories));
  protected readonly showRetired = signal(true);
  protected readonly visibleRows = computed(() => (this.showRetired() ? this.rows() : this.rows().filter((row) => !row.category.retired)));
  protected readonly addError = signal<string | null>(null);

  protected rename(path: TreePath, locale: Locale, value: string): void {
    this.store.update((config) => (nodeAt(config.categories, path).name[locale] = value.trim()));
  }

  protected setDefault(path: TreePath, field: 'defaultSeverity' | 'defaultTeam', value: string): void {
    this.store.update((config) => {
      const node = nodeAt(config.categories, path);
      // The schema's fields are optional, not nullable: absent means "no default".
      if (value) node[field] = value;
      else delete node[field];
    });
  }

  protected toggleRetired(path: TreePath): void {
    this.store.update((config) => {
      const node = nodeAt(config.categories, path);
      if (node.retired) delete node.retired;
      else node.retired = true;
    });
  }

  protected move(path: TreePath, delta: -1 | 1): void {
    this.store.update((config) => reorder(config.categories, path, delta));
  }

  protected parentOf(path: TreePath): string {
    return parentCode(this.config().categories, path) ?? '';
  }

  /** Any category except the node itself and its descendants can become its parent. */
  protected parentOptions(category: CategoryNode): CategoryNode[] {
    return this.rows()
      .map((row) => row.category)
      .filter((candidate) => candidate.code !== category.code && !containsCode(category, candidate.code));
  }

  protected moveUnder(path: TreePath, code: string): void {
    this.store.update((config) => moveUnder(config.categories, path, code || null));
  }

  protected add(code: string, nameZh: string, nameEn: string, parent: string): boolean {
    const clean = code.trim();
    if (!/^[a-z][a-z0-9_.-]*$/.test(clean)) {
      this.addError.set('category.codeInvalid');
      return false;
    }
    if (allCodes(this.config().categories).includes(clean)) {
      this.addError.set('category.codeTaken');
      return false;
    }
    this.addError.set(null);
    const category: CategoryNode = {
      code: clean,
      name: { 'zh-CN': nameZh.trim() || clean, en: nameEn.trim() || clean },
      children: [],
    };
    this.store.update((config) => {
      const target = parent ? flattenCategories(config.categories).find((row) => row.category.code === parent) : undefined;
      if (target) (target.category.children ??= []).push(category);
      else config.categories.push(category);
    });
    return true;
  }
}
