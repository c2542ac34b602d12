/** Audit entries and signed checkpoints as stored; what an entry says ({@code AuditRecord}), never content. */
package org.amicus.core.audit.entity;
