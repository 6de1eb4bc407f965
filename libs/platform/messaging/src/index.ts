// Public API of the messaging lib (RabbitMQ through amqplib + amqp-connection-manager).
export * from './topology';
export * from './recovering-channel';
export * from './amqp-connection';
export * from './message-publisher';
export * from './message-handler';
export * from './consumer-host';
export * from './messaging.module';
