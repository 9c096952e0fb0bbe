/** The durable queue, retries and DSNs. */
package smtp.queue;
