import { signal } from '@angular/core';
import { checkAttachment, fileToBase64 } from '../complaints/attachments';

/** Stores one file ahead of its complaint and answers with the upload's id. */
export type UploadFile = (file: File, contentBase64: string) => Promise<string>;

/**
 * Evidence chosen on an intake form: each file checked as it is chosen, uploaded once when the form is
 * sent, and named in the intake, which files the complaint with all of it or not at all. Uploading once
 * matters: a double click or a retry names the same uploads, so the idempotency key finds the same request.
 */
export class EvidenceFiles {
  readonly files = signal<File[]>([]);
  /** A refused file, in words: by the browser's check when chosen, or by the API when uploaded. */
  readonly error = signal<string | null>(null);
  private readonly uploads = new Map<File, Promise<string>>();

  constructor(
    private readonly upload: UploadFile,
    private readonly translate: (key: string) => string,
  ) {}

  choose(input: HTMLInputElement): void {
    const checked = [...(input.files ?? [])].map((file) => ({ file, check: checkAttachment(file) }));
    input.value = '';
    const refused = checked.find(({ check }) => !check.ok);
    this.error.set(refused && !refused.check.ok ? `${refused.file.name}: ${this.translate(`attachments.${refused.check.reason}`)}` : null);
    this.files.update((files) => [...files, ...checked.filter(({ check }) => check.ok).map(({ file }) => file)]);
  }

  remove(index: number): void {
    this.files.update((files) => files.filter((_, i) => i !== index));
    this.error.set(null);
  }

  /** The upload ids of every chosen file; null when the API refused one, which `error` then names. */
  async uploadAll(describe: (error: unknown) => string): Promise<string[] | null> {
    const ids: string[] = [];
    for (const file of this.files()) {
      try {
        ids.push(await this.uploadOnce(file));
      } catch (error) {
        this.uploads.delete(file);
        this.error.set(`${file.name}: ${describe(error)}`);
        return null;
      }
    }
    return ids;
  }

  /** After the intake could not claim an upload (it expired): the next send uploads again. */
  forgetUploads(): void {
    this.uploads.clear();
  }

  clear(): void {
    this.files.set([]);
    this.uploads.clear();
    this.error.set(null);
  }

  private uploadOnce(file: File): Promise<string> {
    let upload = this.uploads.get(file);
    if (!upload) {
      upload = fileToBase64(file).then((contentBase64) => this.upload(file, contentBase64));
      this.uploads.set(file, upload);
    }
    return upload;
  }
}
