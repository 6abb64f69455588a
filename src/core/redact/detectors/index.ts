import type { Detector } from '../types';
import { findAssignments } from './assignments';
import { findAuthHeaders } from './auth-headers';
import { findCommandLineCredentials } from './command-line';
import { findHighEntropy } from './entropy';
import { findJwts } from './jwt';
import { findPrivateKeys } from './private-key';
import { findProseSecrets } from './prose';
import { findProviderTokens } from './provider-tokens';
import { findWithSecretlint } from './secretlint';
import { findSecretQueryParams, findUrlUserinfo } from './url-credentials';

/** Every detector, maintained rules first; order does not matter, overlaps are merged afterwards. */
export const DETECTORS: readonly Detector[] = [
  findWithSecretlint,
  findPrivateKeys,
  findProviderTokens,
  findJwts,
  findAuthHeaders,
  findUrlUserinfo,
  findSecretQueryParams,
  findAssignments,
  findCommandLineCredentials,
  findProseSecrets,
  findHighEntropy,
];
