/**
 * Stream keys: how a route that names an entity by id (`/v1/visits/{id}/confirm`) finds the stream
 * holding it. Each is claimed by the event that creates the entity (EventStore.appendToStream keys).
 */
export const assignmentKey = (assignmentId: string): string => `assignment:${assignmentId}`;
export const planKey = (planId: string): string => `plan:${planId}`;
export const visitKey = (visitId: string): string => `visit:${visitId}`;
export const reportKey = (reportId: string): string => `report:${reportId}`;
export const evaluationKey = (evaluationId: string): string => `evaluation:${evaluationId}`;
