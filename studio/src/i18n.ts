import { createContext, useContext } from 'react';

/** The studio's words in Chinese and English; pages add theirs here, one key per phrase. */
export const WORDS = {
  'zh-CN': {
    title: 'IVR 工作室',
    signIn: '登录',
    signOut: '退出',
    token: '访问令牌',
    tokenHint: '启动服务时打印的令牌，或 STUDIO_USERS 中为您设置的令牌',
    badToken: '令牌无效',
    hotlines: '热线',
    flows: '流程',
    softphone: '模拟来电',
    tickets: '工单',
    calls: '通话',
    language: 'English',
    signedInAs: '当前用户',
  },
  'en-US': {
    title: 'IVR Studio',
    signIn: 'Sign in',
    signOut: 'Sign out',
    token: 'Access token',
    tokenHint: 'The token printed when the server started, or yours from STUDIO_USERS',
    badToken: 'That token is not valid',
    hotlines: 'Hotlines',
    flows: 'Flows',
    softphone: 'Softphone',
    tickets: 'Tickets',
    calls: 'Calls',
    language: '中文',
    signedInAs: 'Signed in as',
  },
} as const;

export type Lang = keyof typeof WORDS;
export type Word = keyof (typeof WORDS)['zh-CN'];
export const LangContext = createContext<{ lang: Lang; t: (w: Word) => string }>({ lang: 'zh-CN', t: (w) => WORDS['zh-CN'][w] });
export const useWords = () => useContext(LangContext);
