import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { CombinedGraphQLErrors } from '@apollo/client';
import { AuthService } from '../../core/auth/auth.service';
import { I18nService } from '../../core/i18n/i18n.service';
import { LoginComponent } from './login.component';

describe('LoginComponent', () => {
  let login: jest.Mock;

  async function render(url = '/login') {
    localStorage.clear();
    login = jest.fn().mockResolvedValue(undefined);
    TestBed.configureTestingModule({
      imports: [LoginComponent],
      providers: [provideRouter([{ path: '**', children: [] }]), { provide: AuthService, useValue: { login } }],
    });
    TestBed.inject(I18nService).setLocale('en');
    const router = TestBed.inject(Router);
    await router.navigateByUrl(url);
    const navigate = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    const fixture = TestBed.createComponent(LoginComponent);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const fill = (name: string, value: string) => {
      const input = element.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      element.querySelector('form')!.dispatchEvent(new Event('submit'));
      await fixture.whenStable();
      fixture.detectChanges();
    };
    return { fixture, element, fill, submit, navigate };
  }

  it('labels every field so it can be used with a screen reader and keyboard', async () => {
    const { element } = await render();
    const labels = [...element.querySelectorAll('mat-label')].map((label) => label.textContent?.trim());
    expect(labels).toEqual(['Tenant', 'Email', 'Password']);
    expect(element.querySelector('button[type="submit"]')?.textContent).toContain('Sign in');
  });

  it('does not call the API while the form is incomplete, and says what is missing', async () => {
    const { element, fill, submit } = await render();
    fill('email', 'not-an-email');
    await submit();
    expect(login).not.toHaveBeenCalled();
    const errors = [...element.querySelectorAll('mat-error')].map((e) => e.textContent?.trim());
    expect(errors).toEqual(['Enter your tenant', 'This is not an email address', 'Enter your password']);
  });

  it('signs in with the trimmed tenant and email and returns to the page that asked for login', async () => {
    const { fill, submit, navigate } = await render('/login?returnUrl=%2Fsettings%2Fsla');
    fill('tenantSlug', ' demo-shop ');
    fill('email', ' admin@demo.test ');
    fill('password', 'secret');
    await submit();
    expect(login).toHaveBeenCalledWith('demo-shop', 'admin@demo.test', 'secret');
    expect(navigate).toHaveBeenCalledWith('/settings/sla');
    expect(localStorage.getItem('complaints.lastTenant')).toBe('demo-shop');
  });

  it('never follows a returnUrl that leaves the app', async () => {
    const { fill, submit, navigate } = await render('/login?returnUrl=https%3A%2F%2Fevil.example');
    fill('tenantSlug', 'demo-shop');
    fill('email', 'admin@demo.test');
    fill('password', 'secret');
    await submit();
    expect(navigate).toHaveBeenCalledWith('/');
  });

  it('shows a plain message when the credentials are rejected', async () => {
    const { element, fill, submit, navigate } = await render();
    login.mockRejectedValue(new CombinedGraphQLErrors({ errors: [{ message: 'Invalid credentials', extensions: { code: 'UNAUTHENTICATED' } }] }));
    fill('tenantSlug', 'demo-shop');
    fill('email', 'admin@demo.test');
    fill('password', 'wrong');
    await submit();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('Tenant, email or password is not correct.');
    expect(navigate).not.toHaveBeenCalled();
  });
});
