import type { ChatMessage } from './types';

/**
 * A rough token count (about four characters a token for English and code) used to reserve rate-limit
 * budget before a call and when a provider reports no usage. Never used for billing-grade numbers.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Input estimate for a chat: the text plus a few tokens of framing per message. */
export function estimateChatTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce((sum, m) => sum + estimateTokens(m.content) + 4, 0);
}
