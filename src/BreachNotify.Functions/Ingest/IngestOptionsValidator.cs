using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.Ingest;

/// <summary>Generated from the annotations on <see cref="IngestOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class IngestOptionsValidator : IValidateOptions<IngestOptions>;
