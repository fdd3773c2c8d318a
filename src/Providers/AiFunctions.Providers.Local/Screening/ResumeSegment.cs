namespace AiFunctions.Providers.Local.Screening;

/// <summary>
/// One line, bullet or sentence of a resume.
/// </summary>
/// <param name="Start">Position in the resume text.</param>
/// <param name="Text">The segment exactly as it appears in the resume (a substring of it), used as evidence.</param>
/// <param name="Clean">The text without markdown marks, for embedding and term matching.</param>
/// <param name="WordCount">Words in <paramref name="Clean"/>.</param>
/// <param name="IsContactDetail">A name/e-mail/phone/address line: never evidence and never scored.</param>
/// <param name="IsEducation">Inside an education section (its date ranges are not work experience).</param>
internal sealed record ResumeSegment(int Start, string Text, string Clean, int WordCount, bool IsContactDetail, bool IsEducation);
