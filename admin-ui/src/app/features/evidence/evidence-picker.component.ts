import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { formatBytes } from '../complaints/attachments';
import type { EvidenceFiles } from './evidence-files';

/** The evidence field of an intake form (staff and portal): choose files, see them listed, remove one. */
@Component({
  selector: 'app-evidence-picker',
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <fieldset class="evidence">
      <legend>{{ 'attachments.title' | t }}</legend>
      <label class="field"
        >{{ 'attachments.hint' | t }}
        <input
          type="file"
          name="evidence"
          multiple
          accept="image/png,image/jpeg,image/webp,application/pdf,text/plain"
          (change)="evidence().choose($any($event.target))"
        />
      </label>
      @if (evidence().error(); as message) {
        <div class="field-error" role="alert">{{ message }}</div>
      }
      @if (evidence().files().length) {
        <ul class="chosen-files">
          @for (file of evidence().files(); track $index) {
            <li>
              {{ file.name }} · {{ formatBytes(file.size) }}
              <button mat-icon-button type="button" [attr.aria-label]="'attachments.remove' | t: { name: file.name }" (click)="evidence().remove($index)">
                <mat-icon>close</mat-icon>
              </button>
            </li>
          }
        </ul>
      }
    </fieldset>
  `,
  styles: `
    .evidence {
      border: 0;
      padding: 0;
      margin: 0 0 16px;
      legend {
        font-weight: 600;
        margin-bottom: 8px;
      }
    }
    .chosen-files {
      list-style: none;
      padding: 0;
      margin: 8px 0 0;
      li {
        display: flex;
        align-items: center;
        gap: 4px;
        overflow-wrap: anywhere;
      }
    }
  `,
})
export class EvidencePickerComponent {
  readonly evidence = input.required<EvidenceFiles>();
  protected readonly formatBytes = formatBytes;
}
