// The edge's own namespaces, one per feature (the use cases' and adapters' come from src/UseCaseNamespaces.props).
global using BreachNotify.Functions.Acknowledgements;
global using BreachNotify.Functions.CommanderConsole;
global using BreachNotify.Functions.Delivery;
global using BreachNotify.Functions.Hosting;
global using BreachNotify.Functions.Incidents;
global using BreachNotify.Functions.Ingest;
global using BreachNotify.Functions.Ledger;
global using BreachNotify.Functions.OpenApi;
global using BreachNotify.Functions.OtherNotices;
global using BreachNotify.Functions.Pages;
global using BreachNotify.Functions.SubprocessorChanges;
global using BreachNotify.Functions.Workflow;
