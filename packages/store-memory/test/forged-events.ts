// The forged-event helpers live in core's testing kit (every adapter's attacks use them).
export { eventsOf, rechained } from '@pinnstatistik/core/testing';
