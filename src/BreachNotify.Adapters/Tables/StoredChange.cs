using Azure;
using BreachNotify.SubprocessorChanges;

namespace BreachNotify.Adapters.Tables;

/// <summary>A change's state as read, with the ETag that guards the next write.</summary>
public sealed record StoredChange(SubprocessorChangeState State, ETag ETag);
