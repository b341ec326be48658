# The interview's session: welcome, plain mode, replay, saving.
