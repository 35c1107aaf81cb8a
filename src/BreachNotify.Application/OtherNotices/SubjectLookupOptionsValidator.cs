using Microsoft.Extensions.Options;

namespace BreachNotify.Application.OtherNotices;

/// <summary>Generated from the annotations on <see cref="SubjectLookupOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class SubjectLookupOptionsValidator : IValidateOptions<SubjectLookupOptions>;
