// A test file's own roles on the shared servers: started before its tests with a fresh
// TestEnv, stopped and cleaned up after them.
import { afterAll, beforeAll } from 'vitest';
import { createApiKey, startRoles, type Role, type RunningRoles } from '../../cli/runtime.ts';
import { removeTestResources, testEnv, useApiToken, type TestEnv } from './test-env.ts';

/** With the api role, the file's requests carry an admin key made for it (`token`; see useApiToken). */
export function useTestRoles(roles: Role[], overrides: Record<string, string> = {}): { readonly t: TestEnv; readonly roles: RunningRoles; readonly token: string } {
  const state = {} as { t: TestEnv; roles: RunningRoles; token: string };
  beforeAll(async () => {
    state.t = testEnv(overrides);
    state.roles = await startRoles(state.t.config, roles, { logger: state.t.logger });
    if (roles.includes('api')) {
      state.token = await createApiKey(state.t.config, { name: 'test admin', role: 'admin', expiresInDays: 1, createdBy: 'tests' });
      useApiToken(state.token);
    }
  });
  afterAll(async () => {
    await state.roles?.stop();
    if (state.t) await removeTestResources(state.t);
  });
  return state;
}
