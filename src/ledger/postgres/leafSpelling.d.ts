export declare function isoInstant(t: string): string | null;
export declare function actorJson(metadata: string): string | null;
export declare function spliceLeafText(
  position: string, stream: string, version: string, eventId: string, type: string, schemaVersion: number | string,
  data: string, metadata: string, occurred: string, recorded: string, prev: string | null, originJson: string, leafFormatVersion: number,
): string | null;
