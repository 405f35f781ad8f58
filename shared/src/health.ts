export const HealthRoutes = {
  health: '/api/health',
} as const;

export type HealthStatus = 'ok' | 'error';

export interface HealthView {
  status: HealthStatus;
  info?: Record<string, { status: string }>;
  error?: Record<string, { status: string; message?: string }>;
}
