import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/** One to five stars as a radio group, with the chosen rating in words; `label` is the legend's translation key. */
@Component({
  selector: 'app-star-rating',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, TranslatePipe],
  styleUrl: './star-rating.component.scss',
  template: `
    <fieldset class="stars">
      <legend>{{ label() | t }}</legend>
      @for (r of ratings; track r) {
        <label class="star" [class.on]="(value() ?? 0) >= r">
          <input type="radio" [name]="name()" class="visually-hidden" [value]="r" [checked]="value() === r" (change)="valueChange.emit(r)" />
          <mat-icon aria-hidden="true">{{ (value() ?? 0) >= r ? 'star' : 'star_border' }}</mat-icon>
          <span class="visually-hidden">{{ 'portal.stars' | t: { count: r } }}</span>
        </label>
      }
      <span class="rating-text">{{ value() ? ('portal.ratingText.' + value() | t) : '' }}</span>
    </fieldset>
  `,
})
export class StarRatingComponent {
  readonly name = input.required<string>();
  readonly label = input('portal.rating');
  readonly value = input<number | null>(null);
  readonly valueChange = output<number>();
  protected readonly ratings = [1, 2, 3, 4, 5];
}
