import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id (the library's default algorithm and parameters) through @node-rs/argon2, which ships
 * prebuilt binaries per platform: nothing compiles at install time.
 */
export const hashPassword = (plain: string): Promise<string> => hash(plain);

export const verifyPassword = async (hashed: string, plain: string): Promise<boolean> => {
  try {
    return await verify(hashed, plain);
  } catch {
    return false;
  }
};
