import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;
const { History } = temporal.api.history.v1;

/*
 * Recorded histories as JSON files. The SDK's own historyToJSON/historyFromJSON fail in this repository's
 * install ("type must be a Type"): npm keeps three copies of protobufjs 8 next to a hoisted protobufjs 7
 * (needed by @grpc/proto-loader), so protobufjs's instanceof checks see foreign classes. The generated
 * message class's own toObject/fromObject have no such check.
 */

/** Longs as strings and bytes as base64, so the file is plain, stable JSON. */
export function historyToFile(history: History): string {
  return JSON.stringify(History.toObject(History.fromObject(history), { longs: String, bytes: String, defaults: false }), null, 1);
}

/** A History message again (with Long event ids, which the replayer takes as is). */
export function historyFromFile(text: string): temporal.api.history.v1.History {
  return History.fromObject(JSON.parse(text) as Record<string, unknown>);
}
