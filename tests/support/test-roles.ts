// A test file's own roles on the shared servers: started before its tests with a fresh
// TestEnv, stopped and cleaned up after them.
import { afterAll, beforeAll } from 'vitest';
import { startRoles, type Role, type RunningRoles } from '../../cli/runtime.ts';
import { removeTestResources, testEnv, type TestEnv } from './test-env.ts';

export function useTestRoles(roles: Role[], overrides: Record<string, string> = {}): { readonly t: TestEnv; readonly roles: RunningRoles } {
  const state = {} as { t: TestEnv; roles: RunningRoles };
  beforeAll(async () => {
    state.t = testEnv(overrides);
    state.roles = await startRoles(state.t.config, roles, { logger: state.t.logger });
  });
  afterAll(async () => {
    await state.roles?.stop();
    if (state.t) await removeTestResources(state.t);
  });
  return state;
}
