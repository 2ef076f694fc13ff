import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'postgresql',
  // Every module's tables, and the test payment provider's.
  schema: ['./src/modules/*/*.tables.ts', './src/adapters/*/*.tables.ts'],
  out: './migrations',
})
