using System.Text.Json;

namespace BreachNotify.Parties;

/// <summary>
/// Who the processor is, what it runs, whose data sits where, who its sub-processors and commanders are.
/// Loaded from the file at <c>Directory:Path</c>; read-only once validated.
/// </summary>
public sealed record ProcessorDirectory
{
    public required ProcessorProfile Processor { get; init; }

    public IReadOnlyList<Service> Services { get; init; } = [];

    public IReadOnlyList<DataAsset> Assets { get; init; } = [];

    public IReadOnlyList<Customer> Customers { get; init; } = [];

    public IReadOnlyList<Subprocessor> Subprocessors { get; init; } = [];

    public IReadOnlyList<Commander> Commanders { get; init; } = [];

    public static ProcessorDirectory FromJson(string json) =>
        JsonSerializer.Deserialize<ProcessorDirectory>(json, DomainJson.Options)
        ?? throw new JsonException("the directory file is empty");

    public Customer? Customer(string id) => Customers.FirstOrDefault(c => c.Id == id);

    public Subprocessor? Subprocessor(string id) => Subprocessors.FirstOrDefault(s => s.Id == id);
}
