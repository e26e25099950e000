import type { Effect, EffectKind } from '../../src/flow/runtime/turn';

/** An effect as the flow runtime would hand it to the services, for a call from `from`. */
export function anEffect(kind: EffectKind, args: Record<string, unknown>, over: { key?: string; from?: string; accountId?: string; lang?: 'zh-CN' | 'en-US' } = {}): Effect {
  return {
    id: `${kind}-1`,
    kind,
    key: over.key ?? `CAtest/t1/${kind}`,
    args,
    call: {
      sid: 'CAtest',
      from: over.from ?? '+8613800138000',
      hotline: 'general',
      lang: over.lang ?? 'zh-CN',
      path: ['welcome', 'main_menu'],
      ...(over.accountId ? { accountId: over.accountId } : {}),
    },
  };
}
