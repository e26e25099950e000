/**
 * Speaks a prompt in its language with the browser's speech synthesis. Headless browsers and some
 * systems have none (or no voice for the language): the transcript still shows every prompt, so
 * the softphone just stays quiet.
 */
export function speak(text: string, lang: string): void {
  try {
    const synth = window.speechSynthesis;
    if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang;
    synth.speak(utterance);
  } catch {
    // No speech here: reading the transcript is enough.
  }
}

export function stopSpeaking(): void {
  try {
    window.speechSynthesis?.cancel();
  } catch {
    // Nothing was speaking.
  }
}
