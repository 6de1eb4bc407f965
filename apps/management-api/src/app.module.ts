// The management-api app: its composition is ManagementApiAppModule of the management context, which e2e boots too.
export { ManagementApiAppModule as AppModule, MANAGEMENT_API_DEFAULTS as APP_DEFAULTS } from '@herald/management';
