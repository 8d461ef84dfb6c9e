namespace CnnMem.Web.Model;

/// <summary>A file the page offers: its name, media type and text.</summary>
internal sealed record Download(string FileName, string MediaType, string Text);
