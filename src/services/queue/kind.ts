import { QueueSpec } from './backend';
import { QUEUE_FEATURES } from './features';
import { ServiceKind } from '../../core/kind';
import { defineKind } from '../../core/kind-module';

/** The queue kind: its contract, and the questions its backends answer. */
export const QUEUE = defineKind<QueueSpec, typeof QUEUE_FEATURES>({ kind: ServiceKind.QUEUE, noun: 'a queue', features: QUEUE_FEATURES });
