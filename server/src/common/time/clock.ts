import { Injectable } from '@nestjs/common';

/** The time source for rules that depend on it (lockouts, token expiry), so tests can move it. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
