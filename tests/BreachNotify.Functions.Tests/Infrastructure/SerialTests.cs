namespace BreachNotify.Functions.Tests.Infrastructure;

/// <summary>Tests that count what the whole test process holds open run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(SerialTests), DisableParallelization = true)]
public sealed class SerialTests;
