import { z } from 'zod';

/**
 * Codes are stable identifiers stored on complaints, in routing rules and in YAML exports, so they stay
 * ASCII and lowercase: renaming the display name must never change what history points at.
 */
export const CODE_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;

export const codeSchema = z.string().regex(CODE_PATTERN, {
  error: 'Use 1 to 64 lowercase letters, digits, "_" or "-", starting with a letter (for example "late_delivery")',
});

/** Deadlines are counted in business minutes of the tenant's calendar, never in wall-clock minutes. */
export const businessMinutesSchema = z.number().int().positive();
