import type { ComponentType } from 'react';
import type { Me } from './api';
import type { Word } from './i18n';
import { HotlinesPage } from './pages/HotlinesPage';
import { SoftphonePage } from './pages/SoftphonePage';
import { FlowsPage } from './pages/FlowsPage';
import { TicketsPage } from './pages/TicketsPage';

/** The studio's pages, in navigation order; each gets the signed-in user. */
export type PageProps = { me: Me };
export const PAGES: ReadonlyArray<{ id: string; title: Word; component: ComponentType<PageProps> }> = [
  { id: 'hotlines', title: 'hotlines', component: HotlinesPage },
  { id: 'flows', title: 'flows', component: FlowsPage },
  { id: 'softphone', title: 'softphone', component: SoftphonePage },
  { id: 'tickets', title: 'tickets', component: TicketsPage },
];
export type PageId = (typeof PAGES)[number]['id'];
