/**
 * The audit log's hash chain and its checks ({@code AuditChain} for the node, {@code AuditExport} for an
 * export on its own), and the port that signs checkpoints.
 */
package org.amicus.core.audit.control;
