export async function placeHttpCall(_: { baseUrl: string; to: string; from: string; fromCountry?: string; script?: string }): Promise<void> {
  throw new Error('--via needs the webhook server (not built yet)');
}
