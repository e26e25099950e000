/** The folder of a flows directory holding the words listened for, one file per language (speech/zh-CN.yaml). */
export const SPEECH_DIR = 'speech';
