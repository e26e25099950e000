/**
 * The V8 old-space ceiling `npm start` gives the server (`--max-old-space-size`, MB; IVR_HEAP_MB
 * overrides it in package.json's start script, which must say the same number). With SQLite or
 * PostgreSQL the live heap stays near 30 MB under load, but without a ceiling V8 lets the heap
 * grow to several times that before collecting: 250–260 MB of RSS in the bench against 165–180 MB
 * with this one, for about the same CPU. `DATABASE_URL=memory:` keeps every call record in the
 * heap: a long experiment on it wants a larger IVR_HEAP_MB.
 */
export const DEFAULT_HEAP_MB = 192;
