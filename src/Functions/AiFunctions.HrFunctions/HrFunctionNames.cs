namespace AiFunctions.HrFunctions;

/// <summary>
/// The stable names of the HR AI functions. Native implementations (e.g. the Local plugin's) declare the same name
/// as <c>INativeAiFunction.FunctionName</c>, so they refer to these constants rather than repeating the strings.
/// </summary>
public static class HrFunctionNames
{
    public const string ScreenResume = "hr.screen-resume";

    public const string DraftJobDescription = "hr.draft-job-description";
}
