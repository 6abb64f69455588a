// The model-backed distillation engine: what distill() and the tests import.
export { LlmEngine } from './llm-engine';
export { DEFAULT_LLM_ENGINE_OPTIONS, type LlmEngineOptions } from './context';
