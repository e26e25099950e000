/**
 * What removing a recording at the provider came to: `deleted`, or `gone` (the provider no longer
 * holds it), and the reference may go; `not-twilio` (the URL names no recording the provider
 * holds, e.g. one made in a simulated call), and the reference may go too; `failed`, and the
 * reference stays for the next run.
 */
export type RecordingRemoval = { result: 'deleted' | 'gone' } | { result: 'not-twilio' | 'failed'; detail: string };

/** Deletes a call's recording where it is stored (Twilio). */
export interface RecordingRemover {
  remove(recordingUrl: string): Promise<RecordingRemoval>;
}
