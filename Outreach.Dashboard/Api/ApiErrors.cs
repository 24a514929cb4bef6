using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Outreach.Dashboard.Api;

// The [Description] attributes are the documentation: the OpenAPI document takes them (an XML summary would replace them).

[Description("错误：稳定的错误代码和说明。 / A refusal: a stable code to branch on and a message for a person.")]
internal sealed record ApiError(
    [property: JsonPropertyName("error"), Description("错误代码，如 unauthorized、invalid_json、not_found。 / The error code, e.g. unauthorized, invalid_json, not_found.")]
    string Error,
    [property: JsonPropertyName("message"), Description("说明（英文）。 / What went wrong and what to send instead (English).")]
    string Message);

[Description("活动被拒绝：按字段列出问题。 / An event refused: each problem keyed by the field it is about.")]
internal sealed record EventProblems(
    [property: JsonPropertyName("error"), Description("固定为 invalid_event。 / Always invalid_event.")]
    string Error,
    [property: JsonPropertyName("problems"), Description("字段名 → 问题。 / Field name → problem.")]
    IReadOnlyDictionary<string, string> Problems);

[Description("荐购请求被拒绝：一次列出全部原因。 / A book request refused, with every reason at once.")]
internal sealed record RequestRefusal(
    [property: JsonPropertyName("error"), Description("固定为 refused。 / Always refused.")]
    string Error,
    [property: JsonPropertyName("reasons"), Description("全部原因（英文）。 / Every reason (English).")]
    IReadOnlyList<string> Reasons);
