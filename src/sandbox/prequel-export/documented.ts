import type { SimResponse } from '../kit/index.js';

/**
 * The documented shape of Prequel Export's answers. The docs give a transfer's `status` and
 * `actor_type` as free strings: here some fall outside the vocabulary the extended shape uses.
 * A connection test's result is documented only as "in `data`": here it carries no `status`.
 */
const STATUS: Readonly<Record<string, string>> = { SUCCESS: 'COMPLETED' };
const ACTOR_TYPE: Readonly<Record<string, string>> = { scheduler: 'schedule' };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy of a transfer in the documented vocabulary (the stored one stays as it is). */
function transfer(value: unknown): unknown {
  if (!isObject(value)) return value;
  const status = String(value.status);
  const actorType = String(value.actor_type);
  return {
    ...value,
    status: STATUS[status] ?? status,
    actor_type: ACTOR_TYPE[actorType] ?? actorType,
  };
}

function destination(value: unknown): unknown {
  if (!isObject(value) || !isObject(value.last_completed_transfer)) return value;
  return { ...value, last_completed_transfer: transfer(value.last_completed_transfer) };
}

export function documentedExportAnswer(answer: SimResponse, operationId: string | undefined): SimResponse {
  const body = answer.body;
  if (answer.status >= 300 || !isObject(body) || !isObject(body.data)) return answer;
  const data = body.data;
  switch (operationId) {
    case 'listDestinations':
      return reply(answer, { ...data, destinations: list(data.destinations).map(destination) });
    case 'getDestination':
    case 'createDestination':
    case 'updateDestination':
      return reply(answer, { ...data, destination: destination(data.destination) });
    case 'listTransfers':
      return reply(answer, { ...data, transfers: list(data.transfers).map(transfer) });
    case 'testDestination':
    case 'testDestinationConnection': {
      const { status: _status, ...rest } = data;
      return reply(answer, rest);
    }
    default:
      return answer;
  }
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function reply(answer: SimResponse, data: Json): SimResponse {
  return { ...answer, body: { ...(answer.body as Json), data } };
}
