// Saves text as a file, without a server: a Blob URL on a temporary link.
window.cnnmem = {
    download(fileName, mediaType, text) {
        const url = URL.createObjectURL(new Blob([text], { type: mediaType }));
        const a = document.createElement('a');
        a.href = url;
        a.download = fileName;
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
    }
};
