import type { EffectArgs, EffectKind, EffectOf } from '../../src/flow/runtime/effect';

/** An effect as the flow runtime would hand it to the services, for a call from `from`. */
export function anEffect<K extends EffectKind>(
  kind: K,
  args: EffectArgs<K>,
  over: { key?: string; from?: string; accountId?: string; lang?: 'zh-CN' | 'en-US' } = {},
): EffectOf<K> {
  const effect: EffectOf<K> = {
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
  return effect;
}
