// The adapters' own namespaces, one per adapter.
global using BreachNotify.Adapters.Queues;
global using BreachNotify.Adapters.SendGrid;
global using BreachNotify.Adapters.Settings;
global using BreachNotify.Adapters.Telemetry;
global using BreachNotify.Adapters.Tables;
global using BreachNotify.Adapters.Webhooks;
global using BreachNotify.Matters;
