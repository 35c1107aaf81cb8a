namespace BreachNotify.Parties;

/// <summary>A service the processor runs; an opt-in service only holds data of customers who opted in.</summary>
public sealed record Service(string Id, string Name, bool OptIn = false);
