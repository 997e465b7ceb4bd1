export declare function isoInstant(t: string): string | null;
export declare function actorJson(metadata: string): string | null;
