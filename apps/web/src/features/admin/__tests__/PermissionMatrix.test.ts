import { describe, expect, it } from 'vitest';
import PermissionMatrix, { type Grant } from '@/features/admin/components/PermissionMatrix.vue';
import { flush, mountWithApp } from '@/test/mount';

const props = {
  modules: ['leads', 'contacts', 'users'],
  actions: ['read', 'create', 'update', 'delete', 'export'],
  scopes: ['own', 'department', 'all'],
  groups: { customers: ['leads', 'contacts'], admin: ['users'] },
};

function mountMatrix(modelValue: Grant[]) {
  const emitted: Grant[][] = [];
  const wrapper = mountWithApp(PermissionMatrix as never, {
    props: { ...props, modelValue, 'onUpdate:modelValue': (v: Grant[]) => emitted.push(v) },
  } as never);
  return { wrapper, emitted };
}

describe('PermissionMatrix', () => {
  it('shows the grants grouped by product area', async () => {
    const { wrapper } = mountMatrix([{ module: 'leads', actions: ['read'], scope: 'own' }]);
    await flush();
    const groups = wrapper.findAll('.ky-matrix-group').map((g) => g.text());
    expect(groups).toEqual(['Customers', 'Admin']);
    expect(wrapper.find('[data-testid="perm-leads-read"]').classes()).toContain('is-checked');
    expect(wrapper.find('[data-testid="perm-leads-create"]').classes()).not.toContain('is-checked');
  });

  it('adds an action, keeping the module scope and the action order', async () => {
    const { wrapper, emitted } = mountMatrix([{ module: 'leads', actions: ['update'], scope: 'department' }]);
    await wrapper.find('[data-testid="perm-leads-read"] input').setValue(true);
    expect(emitted.at(-1)).toEqual([{ module: 'leads', actions: ['read', 'update'], scope: 'department' }]);
  });

  it('grants a new module with the narrowest scope and drops a module with no actions left', async () => {
    const { wrapper, emitted } = mountMatrix([{ module: 'leads', actions: ['read'], scope: 'all' }]);
    await wrapper.find('[data-testid="perm-users-read"] input').setValue(true);
    expect(emitted.at(-1)).toEqual([
      { module: 'leads', actions: ['read'], scope: 'all' },
      { module: 'users', actions: ['read'], scope: 'own' },
    ]);
    await wrapper.find('[data-testid="perm-leads-read"] input').setValue(false);
    expect(emitted.at(-1)).toEqual([]);
  });

  it('grants or revokes a whole row', async () => {
    const { wrapper, emitted } = mountMatrix([]);
    await wrapper.find('[data-testid="perm-contacts-all"] input').setValue(true);
    expect(emitted.at(-1)).toEqual([{ module: 'contacts', actions: props.actions, scope: 'own' }]);
  });
});
