import { Department } from '@modules/admin/departments/department.entity';
import { Role } from '@modules/admin/roles/role.entity';
import { User } from '@modules/admin/users/user.entity';
import { AuditLog } from '../audit/audit-log.entity';

/** Every TypeORM entity, listed explicitly (works the same from dist and under jest). */
export const ENTITIES = [Department, Role, User, AuditLog];
