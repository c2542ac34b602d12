/**
 * MicroProfile Health checks: readiness (database reachable with the schema migrated, broker
 * connected) and liveness, served by Payara Micro under /health/ready and /health/live.
 */
package org.amicus.web.health;
